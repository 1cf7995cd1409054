// Real event logs for the demo tenant's diagnostics bundle: two of the MIT samples in test/fixtures/evtx
// (from omerbenamram/evtx, see that folder's README), gzip-compressed and base64-encoded, byte for byte
// (a unit test compares them with the fixtures). Windows Hello for Business (shared-device sign-in) and a
// short Security log, so the demo's bundle shows the event log reader end to end.
import { gunzipSync } from 'node:zlib';

const SAMPLES: [string, string][] = [
  [
    'Microsoft-Windows-HelloForBusiness%4Operational.evtx',
      'H4sIAAAAAAACA+3ZfYgUZRzA8d/szo57u+vunnlg5p3ai6J0aqWSWuSptxmeZqWmFMRxL3l5b9ydqV2QFSYIlRmVZX+EEFJGUBG9GRkkhJFBBY' +
      'H0hwRRf4S9Gdkb1+/37IyzapaF/lF9P8vsPDPz7Dwvv2eemblr7GwvdXS2yYmCcL1RF0+SIkVPziQ72xMXDBstAAAAAADgrGvsbJ+/unuNRG/3' +
      'Iyvezyu37e8Aey8SWTlRZNtd8/afiff/xLZDQeW+Wt0qpUW+T4l86R+ff8FwkSuTf7+cA3/xmwfDGtSmyusfw/wvVtRsh+5rP6E+V+n20UQ5Pf' +
      'qEMrpScfqZML1Y85b0nK/7f16fCYmT9/2Uj9Nj06ff9urhf51n8mSR3iCO9xcTu+9fVfOxV/A8yXkTvlnxQVQjSx/u+u2WBu/IszuD6fse1ZZY' +
      'roZq2eKXG2hez6WkUW6XNumWAd3erEtwW3hwTyEl66VLOvVgv26nvBmyWrMNSK/Mlqn66ZcW3dOmeZo1PUXXHbqnT3p0q0faNecU3e7R/VNlnR' +
      '7r1vWlMk0/0zU1TS7X77Zjxfcft5XwhoYOJuO49SwL5AbZoLkGXIk6IhuGhlZVRPTbwbQsdaXfrmW1aq4+3TtTl1I0GBc94ssSrWyX2B/R8nnx' +
      'gpXhoUk1vlwta90v9VBBCsmGpCzW9B1hjh+ah1V01jWyQPdNtA6zIWenmXQwI9fpKZq1yzq0+R2uCtZ1eV+CRD4pge9l5fyKkT6qapisCLN1aM' +
      '27rV35rPi+xriuYoi3HkhJU9g9nS6TWKaEjNGNMeE4bRz0ZZmLxRqXJWEFejIuvATM83WBXKsBtLC0ul5I5D07U0oulPjKue2DtCzSwxs0bj1a' +
      'u1bXjEQ+JTW+dvtS3XgozDrngawW2uH6dL5mbdMKWIhao+6xq8jG1BWDmeMiGP1IuyeQ6qSX0dESzyWl5PCK3r5e1y1hTco9n8hnJGN12VQxIe' +
      'z8Lqt1sGx9rp+sJlG33mwnLYUZM99mpEHPaIdttAxovcrnzQ+TQmCTgoV9xr5qV3TnsTad4kfDbbgMDXVVTCKvvlylDVjvKr62oh4LrR4aTbG6' +
      'ZD6pCsdsi2bs1094wrSkA5taLbSbZqW1s1aHfRt1QL5K0kmv6IZTbTgB3qtDdL7mbNaSuo+NlKJ4vl5N86Q8q1ng5nSnXUd16VBY65pm10oi5R' +
      'X03I0apkVa4rVatXq5RK+Y6doLl8ssXVuPz6uYip+aktbc5Tb2hX2iE5/FPZqV25sCWa4tszLCqufknKSfr5bxvoxw9xffLTpew0UkLTW6VEtR' +
      '076mbElLxuXTn5fvM7pVlIKG1tMSxoufK8jWGi+aHzdG86O2+Zdf9HuuLP3V1tstRNXxPCpeOZWyyiw+aRKrlxvd5NWq2+t0b73G0Pq2U7dLbr' +
      'TN09b3uzzlID6+Zc3WAy2frLxvd3H7jjeX33omzjnVXbfWifGotpkm5wVvZ5uiW42ll7TcvWz3R+Pe+Pq9fK1dUjbxa/xtoJTCbAvuqaq4uha4' +
      'UzbbCDh2x7P7jN1vtmrXRLe5z1a9tmftSfebfxLBMX8QwYJFMJOTw9k4glGJUQQPZXtdBNfr3fKrYlwz8cpXXapGv35+abDjzua6Xc/XLaw94v' +
      '3bI+r4Lg5RPKJHmB3bznY8ErmcTB4TxyMq8VTxSP4f4jFkongc9aw3y4oPn814DFo8sjl54Lw4HlGJp4qH/9+Mx6jptc9FD8yWvrV5/4q9P3Tn' +
      'uz5f8mRTPOPNDWc8e1K8LHwvsTvvlh6/Ys6zng7sCTHl2dNwn6t1nyQ080jfd13t66tV2OVHw7inNYTRq8PhGy7++szE/Y/ubI9p3Iu5QFaNje' +
      'MelTjq/XFHJoyYMffpmQc+fKtX5NNakWl1cc3+5Xe2r14ZPRi9UFl683m/rjg06YVFfU27birFcZ5dEef6MM5j46hm3RNKn3tms8es6A3AIuyF' +
      'EZ6g3ye3ZZw+ATW7Ova6mg9E13/Ws/jbONjoxf9/f+fdZfUbzj1b46DAH0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAKfldwQnFl4AEAEA',
  ],
  [
    'Security.evtx',
      'H4sIAAAAAAACA+2aC2wc1RWGz8zOrtfr3bUdxwRCQhIgCQnYSWzsOKQQjB8hjUNM4jSpGikx9oY4Wa8jP0IehDi8k1ZISEDpUxGlKlQtj1a0hQ' +
      'KN2tKHhGihLxWpqKr6QEIIUqCtaCT3nDN3dmY3u8YEnKjK/63uztyZc+fee8655947u23pbe196RTlEzXHUU4WhYgqLPq4GR22/0sAAAAAAAAA' +
      'AACYdNrS21q2Z3aSt7svMcf8vLwHoAuIOi8kOtS/8IGPWq88//qLjuwJXpsZIfotV/hOmOh1J1f+BF+/MvTh63npA8ocipi6w+7x30b+4Ygv8y' +
      'W+ti2vPSs4/x/bPZ+eV0d/2D9/1JyvYdl2fuYzTvG29E8fv60bKomeS7rnb5b5179dMnF9JGbl5hcuJPpz1Lf30Scu3jj9lZetcsuiuDU/fnB4' +
      'numlnP+l4eWG75/4yuGVc3/2u7u5JyLVXEk3O24HhWfiYWqj3ZSiDA1z/i5OkR3m5rPlYdpD/ZTmm0OcD1sNtJ3FhmkXXUGL+DNEPXwlxTLdfF' +
      '7Lxz6+MkgDnBugbSxZy/kBvr6IbuJ7GT7W0WL+XM5ni6mJv1PZ6odycrY1NvZiyLfbQFeE1tNelhrWGons5rGxTwcsenx/lDq19t1cVy9LDfLV' +
      'Rk7tnjOuvt+h67ix/SQv0ZJJsiKbzK0F1Q6tpBEtybfKqTzUHKI1fL7PSLzXXRJQ1ipqFT2LwsTl5DELXo3R9fyIblZZH3e/T5sgqks6FLGTIY' +
      'o4VhldGPD0c0tL6FNGrI9bnpF+JcvIcSwdwVkX730pTB1GPWkVIhGyaQZnZhg/bdvvUJfaYqeK2FKhRbPNEBAeuyBCa9mAYpZe1YKdtORJYbqY' +
      '/JGz41dRWs2397LdBrh1vdoNOxmmaofV3smZe43o8nvKuNI+1WkLi6a4AWKiXk89MorEpz6xP5ZjQa8QqydClSErxt7ix5L2UCKg7XV87DEtcT' +
      'VvJ2MUk7bcEQgID/2zjNsgYoOqJ2mJp9bN8tB2Ixg7HqNmfqLcFm8Z5na5z02WUHlEgoKYveGFSq06ne1TkUIJcZexsf5AEPnBU6XcgT3a8JFA' +
      'O66VdrA1SdoS+0Op8dkeFhzij3lglKIRCa1i2juWRVlZ241uPQUkSykasirUnWaaAHgbu2gLS3ZzTZmsp1SQ5fBoupzcqCaGW56JqqL62RVGtG' +
      'syVuywFTXG2aVaFE8WHV8TCL5Ha6NsRrdXg0YLRBKpIl4c3tYRoQ3cF3mqaWycqkJOspLmODRFZxRHE3uoJiFK1Zwq9dzhM0lRiqmcRzvnKqic' +
      'k0UNoTl8pbRu9lT3XsWoFw9FXlz0jcOxKjegnxSYamijBqRezt/EV2tO6lMN23qE7/ep7TJ0I8194PauPV33rfr6M1ctD13yk0R+CTcMX7Pv4X' +
      '95QV7O33q95v1jdz77wvy3Tjy91XbDMFujy3bnT6H11tKAr7eqs3WbCLfczKfiMUcGnMDd80XlEtnC1slO1Et2gtwBUmOeMMuXL+O+7eJPWvXi' +
      'jxI7wW2TMgtMmZw6WllqUPvsy9uu/BIjf5Evn2CNDqh2pFXN3KJeLS3tsxMht9ylptxMv1wsp1yn+iFPBwnHLVGwN6363OGTagm7ZeabMuf5Za' +
      'LZMn4NkXGkXf0Oq44HWG92ooSiRXvQzvpJm2G1jseuDAI7EXXtUVC3HWyFvSrvzU92onQcW/jy/vMlIDpUpkMpxsPKIp7gaDonGUTncorqYHKH' +
      'VVLzsezQqqG5/FnCU3MDLeNpuo7qOSAv43wtX23QnEzedXq/kfPL+Hojf9eyTCN/N6rkYk71/GniOzKwp0Xd5Urw6Uspkb/WkXWNrG9+zePC9q' +
      '49f3jTyeubjyt+/NyS+GEtDk1x780e9eqTn9BeZM3MO3IG4sehq+75rLdglPPWp8458Pjfa1+75Avnvnq1lY0fl1tu/JAYUW88ZK7vIUluzwjd' +
      'QDvMePXC8Xpd4EhsqBLfajAl5/sly4uU9P3SxIhlpuylftnKvLKtOsV0a//98iZmTKDVHVz+Ro00bkQLucuPpabkAr9kRUA2Nxb69UoEcUimZ5' +
      '6N2I0sTeI24g6W66Zh8YYuDsdr+DlreXQ185MvZmvL+WpeIq7jsw187x9mZeb6QTpbu0H8WPz5QT6GTos/36v+TE2PTPHmw3x/nn8m/Pn4Zcds' +
      '2QhJV+X8b7/YvvPZv87b+s7Xen78GmX9+RXy/blgjO9kO/bwwraba04FrErjeJMshgdVfhw/LljbRp0VduoM0X3yfHeRKVPtl5HtiSs7Yma4qe' +
      'xtYqpPmihcoaabytpfxYsv8aP1nNq5lVtYtxv4eC373XUaz1v4ihzXcn4L972Zr6zm75UssYW3DEv4e7HOd/1qjT5t6aDWLy3P9+AdRMfU9A8a' +
      'v9xUQlk/Onronkn0y+sj6pdLKov65SVnwi/3PfT2+xvcXpCcrzxxS+Of7Pe3fPV7Pyp9xMn65ZedszfOFlzVFRpTXm8dt7enMBbNSq1gZA+WLN' +
      'zTyIRHZQmPymI9a9fnptVTUrrv61Y/zOjarfhazNVlbj2lbj1F1m6etrvYG3dpD2LuavIUZ7Yyt3WrTOnlfunzdHQM62uajI6Q4Hq/WEyNu88r' +
      '6LWFI6NfNuGWvdKUXeSXreL+DuredEij1rDZU69XX9itbUup9pLj7Co6uGyxdpePYyX3dUaH6uFG1YidqHC1XlC+0I6qkiqc4vNTYdtMGadNq9' +
      'j6+XuWqnF8WeT9/cpUXc9UF1jPSD4448TNUUJ10sjJPdskN4RX09WB/cKproeswH/PJj4/9fP8JDsE2XXI/kHmK9mbeJGinu/MZq2mdCSI17lv' +
      'ZPKfU0M1WnNT3G1BC11Bm/PmkM05r6HkyZvN60l/FVfL9+TdTfFdUKPudBppqVuRzKcyrx7j7nuvlLe2fbd38ubVpyn//YdXn/f+Y8WRM/j+w9' +
      'uHxgP7UNvsQ+0C+1Cvk0Hb5O5Ic3ebS/jTpLk6Y4lCO9EmfVn+ZCR3D9qody8L7j/FbmK/o9wO7+eErWuf3Dl59rtf31/F6uYWtd/Vxn7W6bRf' +
      '9aqDMe/HDTn/1he3nP/LNWPr6pe3dD7sv7960PbXRROKn614I3VWvpFi+UVGfo4vH9f1Vb/2IJXzslhWM8XXzMFSa3QVsF29O2XK8szHc2IiL/' +
      'Z4MWd6kdgj86WkDxuDgnFmvOj0wTEoOGtahf69LXFJ4lOn4//OO7nxqU3jE9U3Z/dtXn36F3NO15yJ+SX9jfom74dROe+8/Y+/f+K5rfddu+Kn' +
      'HeTHp3fP4vdjBcfb2kA5b8Ut39k4NteUmuaXKslbm2fjV8Ho2qmW2q2RJqUr8w6z7stGsgmvtEtOYaUd1fVwaYH1sIxASTNM/oqPsL7N98rZ+p' +
      'tgj84QssOarXEpY/Ymg6ck38X3byigT+9N4kRXtWnOd6uWvPVslk4H/6cBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
      'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
      'AAAAAAgP8/Xp9J1FRFtC9kLliWHsJT+GsN9VEPDdIADXHaRsNUQxv5WoZ6OX8TX62hDZzro92UYrkh6qY0dfF5mlM/p2G+updaON/HuQznD37n' +
      'cG/LzXdumkmx7h8uXPqZyahjEa2lXSrdzbk+fk5GS8Wt59+YetuVUe4l986hBFmeHhx6hM8XLiQ97jfaGLl/7N1dU39jlbNW4tbnBtNvzrOJRD' +
      'UWl5BkU8QkoihVc6qkCn1eVFOUYioXpyp9YhfnKqicG2PRNJrDd5byx20OM+rVWMxO+89yO1GOnW422ph29LHj3zzndNrJq7GQneLn+S07y+xE' +
      'hcfTAaONcyofn3Q7NfHHt5NXY7HxdAB2CtjpFqONR7eMvHt67eTVWMhOL87yW4b5SY4HjTZm3TX5dsqNe16Nxex0EHYK2GnUaOPt7UveO73jya' +
      'uxWNwbRdwL2OmQ0caOA5Nvp9zx5NVYyE4z2vyWwU5yvNVo4/NNdad5PHk1FhtPt2JdbhXfZf4PZT/xlAAQAQA=',
  ],
];

/** The bundle's event logs: file name and bytes. */
export function demoEventLogs(): { name: string; data: Buffer }[] {
  return SAMPLES.map(([name, b64]) => ({ name, data: gunzipSync(Buffer.from(b64, 'base64')) }));
}
